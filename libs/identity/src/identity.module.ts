import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { User } from './user.entity.js';
import { AuthSession } from './auth-session.entity.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { JwtAuthGuard, LocalAuthGuard, RolesGuard } from './auth/guards.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ secret: c.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    UsersRepository,
    UsersService,
    AuthService,
    JwtStrategy,
    LocalStrategy,
    LocalAuthGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersService, UsersRepository, AuthService],
})
export class IdentityModule {}
