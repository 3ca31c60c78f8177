export { DomainError, type ErrorKind, type FieldError } from './domain-error.js';
export { toFieldErrors } from './validation-messages.js';
