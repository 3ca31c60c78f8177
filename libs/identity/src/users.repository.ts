import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from './user.entity.js';
import type { Role } from './roles.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email: email.trim().toLowerCase() });
  }

  listAll(): Promise<User[]> {
    return this.repo.find({ order: { role: 'ASC', name: 'ASC' } });
  }

  listActiveByRole(role: Role): Promise<User[]> {
    return this.repo.find({ where: { role, active: true }, order: { name: 'ASC' } });
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  save(user: User): Promise<User> {
    return this.repo.save(user);
  }

  create(fields: Partial<User>): User {
    return this.repo.create(fields);
  }

  async recordFailedLogin(id: string, maxFailures: number, lockMinutes: number): Promise<void> {
    await this.repo.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1`,
      [id, maxFailures, lockMinutes],
    );
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.repo.update({ id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
  }
}
