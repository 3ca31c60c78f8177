import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from 'helmet';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { AppConfig } from '@app/config';
import { AppModule } from '../app.module.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { AppValidationPipe } from './validation.pipe.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Where the built web app lives (apps/web → dist/web). */
export function webRoot(): string {
  return resolve(process.env.WEB_DIST_DIR ?? join(process.cwd(), 'dist', 'web'));
}

/**
 * Builds the HTTP application: Fastify, security headers, body limit, request ids, cookies,
 * validation, one error mapping, OpenAPI at /api/docs, and the web app at /.
 */
export async function createApiApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl), adapter, {
    bufferLogs: true,
    // Fastify's own JSON parser only: no form-encoded bodies (they get a 415 like any non-JSON type).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();

  // Security headers from helmet, its middleware built once (@fastify/helmet builds it again for every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)),
  );
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  // JSON (and multipart uploads) only: any other body type is a 415 naming the content type.
  fastify.removeContentTypeParser('text/plain');
  // Nest's default form parser would turn a form post into an object; a JSON API refuses it (415).
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_req, _body, done) =>
    done(
      Object.assign(new Error('application/x-www-form-urlencoded is not accepted'), {
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      }),
    ),
  );

  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(new AppValidationPipe());
  let spaRoot: string | undefined;
  app.useGlobalFilters(new AllExceptionsFilter(() => spaRoot));

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('招商 CRM API')
      .setDescription('Investment-promotion lead CRM: intake, knowledge, listings, matching, routing, pipeline, reports.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('zs_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/json', raw: ['json'] });

  const root = webRoot();
  if (existsSync(join(root, 'index.html'))) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: true,
      cacheControl: true,
      maxAge: '1h',
      // index.html names the current hashed bundles, so it is never cached; the hashed bundles never change
      setHeaders: (res, filePath) => {
        if (filePath.endsWith('.html')) void res.header('cache-control', 'no-cache');
        else if (/[\\/]assets[\\/]/.test(filePath)) void res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    spaRoot = root;
  }
  return app;
}
