import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, CurrentUser, LocalAuthGuard, Public, SESSION_COOKIE, UsersService, type AuthUser, type User } from '@app/identity';
import { LoginDto, LoginResponse, UserResponse } from './dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token and sets an httpOnly cookie' })
  @ApiOkResponse({ type: LoginResponse })
  async login(
    @Body() _dto: LoginDto,
    @Req() req: FastifyRequest & { user: User },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const { accessToken, expiresAt } = await this.auth.issueToken(req.user, { ip: req.ip, userAgent: req.headers['user-agent'] });
    void reply.setCookie(SESSION_COOKIE, accessToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      path: '/',
      expires: expiresAt,
    });
    return { accessToken, expiresAt: expiresAt.toISOString(), user: UserResponse.of(req.user) };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session (the token stops working)' })
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.revokeSession(user.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('auth/sessions/revoke-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out of every session of the current user' })
  async revokeAll(@CurrentUser() user: AuthUser): Promise<{ revoked: number }> {
    return { revoked: await this.auth.revokeAllSessions(user.id) };
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(user.id));
  }
}
