/** Connection string pg-boss uses (the application database). */
export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');
