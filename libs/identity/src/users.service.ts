import { Inject, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, type FieldError } from '@app/errors';
import { UsersRepository } from './users.repository.js';
import type { User } from './user.entity.js';
import { ROLES, type Role } from './roles.js';
import { checkPassword } from './password-policy.js';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: Role;
  demo?: boolean;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  password?: string;
  active?: boolean;
}

/** argon2id, OWASP's second recommended setting (19 MiB, t=2). */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  list(): Promise<User[]> {
    return this.users.listAll();
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('User', '用户');
    return user;
  }

  async create(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const errors: FieldError[] = [];
    const pw = checkPassword(input.password, email);
    if (pw) errors.push(pw);
    if (!ROLES.includes(input.role)) {
      errors.push({
        field: 'role',
        code: 'IS_IN',
        message_zh: `角色：必须是 ${ROLES.join('、')} 之一`,
        message_en: `role must be one of ${ROLES.join(', ')}`,
      });
    }
    if (errors.length) throw DomainError.validation(errors);
    if (await this.users.findByEmail(email)) {
      throw DomainError.conflict('EMAIL_TAKEN', '该邮箱已被使用', 'This email is already in use', [
        { field: 'email', code: 'EMAIL_TAKEN', message_zh: '邮箱：已被其他用户使用', message_en: 'email is already in use' },
      ]);
    }
    const user = this.users.create({
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await this.hashPassword(input.password),
      demo: input.demo ?? false,
    });
    return this.users.save(user);
  }

  async update(id: string, changes: UserChanges): Promise<User> {
    const user = await this.get(id);
    if (changes.password !== undefined) {
      const pw = checkPassword(changes.password, user.email);
      if (pw) throw DomainError.validation([pw]);
      user.passwordHash = await this.hashPassword(changes.password);
    }
    if (changes.name !== undefined) user.name = changes.name.trim();
    if (changes.role !== undefined) user.role = changes.role;
    if (changes.active !== undefined) user.active = changes.active;
    return this.users.save(user);
  }

  /**
   * On a database without users: create the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
   * generated one-time password printed once to the console.
   */
  async ensureFirstAdmin(print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<User | null> {
    if ((await this.users.count()) > 0) return null;
    const email = this.config.adminEmail ?? 'admin@zhaoshang.local';
    const given = this.config.adminPassword;
    const password = given ?? `Zs${randomBytes(9).toString('base64url')}1`;
    const admin = await this.create({ email, password, name: '系统管理员', role: 'admin' });
    if (!given) {
      print('');
      print('  招商 CRM — first start: an administrator was created.');
      print(`  email:    ${email}`);
      print(`  password: ${password}   (shown once; change it after signing in)`);
      print('');
    }
    this.logger.log(`created the first administrator ${email}`);
    return admin;
  }
}
