export { type AppOptions, buildApp } from './app.ts';
export { type BootLog, DatabaseUnreachableError, openDatabase } from './bootstrap.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
