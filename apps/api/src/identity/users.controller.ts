import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, Roles, UsersService } from '@app/identity';
import { CreateUserDto, UpdateUserDto, UserResponse } from './dto.js';

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users (admin)' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(UserResponse.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  async create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(dto));
  }

  @Get(':id')
  async get(@Param('id', ParseIdPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, password or active flag (admin); deactivating or a new password ends their sessions' })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    const user = await this.users.update(id, dto);
    if (dto.active === false || dto.password !== undefined) await this.auth.revokeAllSessions(id);
    return UserResponse.of(user);
  }
}
