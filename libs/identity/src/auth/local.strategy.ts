import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { DomainError } from '@app/errors';
import { AuthService } from './auth.service.js';
import type { User } from '../user.entity.js';

interface LoginRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: LoginRequest, email: string, password: string): Promise<User> {
    if (typeof email !== 'string' || typeof password !== 'string') throw DomainError.unauthenticated('INVALID_CREDENTIALS');
    const ua = req.headers['user-agent'];
    return this.auth.validateCredentials(email, password, { ip: req.ip, userAgent: Array.isArray(ua) ? ua[0] : ua });
  }
}
