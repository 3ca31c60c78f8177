import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@app/errors';
import { IS_PUBLIC, ROLES_KEY } from './decorators.js';
import type { AuthUser, Role } from '../roles.js';

/**
 * Global: every route needs a valid session unless marked @Public(), so a new endpoint is closed by default.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (!isPublic) return (await super.canActivate(ctx)) as boolean;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown>; cookies?: Record<string, unknown> }>();
    const hasToken = Boolean(req.headers.authorization) || Boolean(req.cookies?.zs_session);
    if (!hasToken) return true;
    try {
      await super.canActivate(ctx);
    } catch {
      /* a public route ignores a bad token */
    }
    return true;
  }

  override handleRequest<TUser>(err: unknown, user: TUser, info: unknown): TUser {
    if (err || !user) {
      const name = (info as { name?: string } | undefined)?.name;
      if (name === 'TokenExpiredError') {
        throw new DomainError(
          'unauthenticated',
          'TOKEN_EXPIRED',
          '登录已过期，请重新登录',
          'Your session has expired; please sign in again',
        );
      }
      if (name === 'JsonWebTokenError') {
        throw new DomainError('unauthenticated', 'TOKEN_INVALID', '登录凭证无效，请重新登录', 'Invalid token; please sign in again');
      }
      if (err instanceof DomainError) throw err;
      throw DomainError.unauthenticated();
    }
    return user;
  }
}

/** Global: enforces @Roles(); admins pass every role check. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!roles?.length) return true;
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw DomainError.unauthenticated();
    if (user.role === 'admin' || roles.includes(user.role)) return true;
    throw DomainError.forbidden();
  }
}

/** Runs passport-local for the login route. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(err: unknown, user: TUser, _info: unknown, ctx: ExecutionContext): TUser {
    if (err) throw err;
    if (!user) {
      // passport-local never calls the strategy when a field is missing: say which.
      const body = ctx.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body ?? {};
      const missing = (['email', 'password'] as const).filter((f) => typeof body[f] !== 'string' || body[f] === '');
      if (missing.length) {
        throw DomainError.validation(
          missing.map((f) => ({
            field: f,
            code: 'REQUIRED',
            message_zh: `${f === 'email' ? '邮箱' : '密码'}：必填`,
            message_en: `${f} is required`,
          })),
        );
      }
      throw new DomainError('unauthenticated', 'INVALID_CREDENTIALS', '邮箱或密码错误', 'Wrong email or password');
    }
    return user;
  }
}
