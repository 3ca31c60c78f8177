export { ROLES, seesAllLeads, type Role, type AuthUser } from './roles.js';
export { User } from './user.entity.js';
export { AuthSession } from './auth-session.entity.js';
export { UsersService, type NewUser, type UserChanges } from './users.service.js';
export { UsersRepository } from './users.repository.js';
export { AuthService, type LoginContext } from './auth/auth.service.js';
export { Public, Roles, CurrentUser } from './auth/decorators.js';
export { LocalAuthGuard } from './auth/guards.js';
export { SESSION_COOKIE } from './auth/jwt.strategy.js';
export { checkPassword } from './password-policy.js';
export { IdentityModule } from './identity.module.js';

import { User } from './user.entity.js';
import { AuthSession } from './auth-session.entity.js';
export const IDENTITY_ENTITIES = [User, AuthSession];
