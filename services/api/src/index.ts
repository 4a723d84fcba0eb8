export { type AppOptions, buildApp } from './app.ts';
export { type BootLog, DatabaseUnreachableError, openDatabase } from './bootstrap.ts';
export { CONFIG_VARIABLES, type Config, ConfigError, loadConfig } from './config.ts';
export { type ServeOptions, serve } from './lifecycle.ts';
export { failRequest } from './plugins/request-scope.ts';
