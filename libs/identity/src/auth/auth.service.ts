import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { RateLimitService } from '@app/rate-limit';
import { AuthSession } from '../auth-session.entity.js';
import { UsersRepository } from '../users.repository.js';
import { UsersService } from '../users.service.js';
import type { User } from '../user.entity.js';
import type { AuthUser } from '../roles.js';

export interface LoginContext {
  ip?: string;
  userAgent?: string;
}

export interface TokenPayload {
  sub: string;
  sid: string;
  role: string;
}

@Injectable()
export class AuthService {
  /** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly jwt: JwtService,
    private readonly limits: RateLimitService,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks a password; counts failures per account (lock-out) and per IP. */
  async validateCredentials(email: string, password: string, ctx: LoginContext): Promise<User> {
    const ipLimit = await this.limits.consume(`login:ip:${ctx.ip ?? 'unknown'}`, 30, 60);
    if (!ipLimit.allowed) throw DomainError.rateLimited(ipLimit.retryAfterSeconds);
    const user = await this.users.findByEmail(email ?? '');
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      const seconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
      throw new DomainError(
        'rate_limited',
        'ACCOUNT_LOCKED',
        `登录失败次数过多，账号已锁定，请${Math.ceil(seconds / 60)}分钟后再试`,
        `Too many failed sign-ins; the account is locked for ${Math.ceil(seconds / 60)} more minutes`,
        [],
        seconds,
      );
    }
    this.dummyHash ??= this.usersService.hashPassword('not-a-real-password-0');
    const ok = await this.usersService.verifyPassword(user?.passwordHash ?? (await this.dummyHash), password ?? '');
    if (!user || !ok || !user.active) {
      if (user) await this.users.recordFailedLogin(user.id, this.config.loginMaxFailures, this.config.loginLockMinutes);
      throw new DomainError('unauthenticated', 'INVALID_CREDENTIALS', '邮箱或密码错误', 'Wrong email or password', [
        { field: 'password', code: 'INVALID_CREDENTIALS', message_zh: '邮箱或密码错误', message_en: 'wrong email or password' },
      ]);
    }
    await this.users.recordSuccessfulLogin(user.id);
    return user;
  }

  /** Opens a session and signs a token naming it. */
  async issueToken(user: User, ctx: LoginContext): Promise<{ accessToken: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const session = await this.sessions.save(
      this.sessions.create({ userId: user.id, expiresAt, ip: ctx.ip ?? null, userAgent: ctx.userAgent?.slice(0, 500) ?? null }),
    );
    const payload: TokenPayload = { sub: user.id, sid: session.id, role: user.role };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, expiresAt };
  }

  /** Resolves a verified token's session to the caller; null when revoked, expired or the user is inactive. */
  async userForSession(payload: TokenPayload): Promise<AuthUser | null> {
    const rows: { id: string; email: string; name: string; role: AuthUser['role'] }[] = await this.sessions.query(
      `SELECT u.id, u.email, u.name, u.role FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [payload.sid, payload.sub],
    );
    const row = rows[0];
    return row ? { ...row, sessionId: payload.sid } : null;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId }, { revokedAt: new Date() });
  }

  /** Signs a user out everywhere (e.g. after a password change or when an admin deactivates them). */
  async revokeAllSessions(userId: string): Promise<number> {
    const res = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return res.affected ?? 0;
  }

  listSessions(userId: string): Promise<AuthSession[]> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > now()', { userId })
      .orderBy('s.created_at', 'DESC')
      .getMany();
  }
}
