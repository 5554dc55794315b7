export * from './platform.js';
export * from './organisation.js';
export * from './post.js';
export * from './request.js';
export * from './bio.js';
export * from './time.js';
export * from './metric-counts.js';
export * from './database.js';
