export { ENTITIES, createDataSource } from './data-source.js';
export { MIGRATIONS } from './list.js';
