export { type AppOptions, buildApp } from './app.ts';
export { type BootLog, DatabaseUnreachableError, openDatabase } from './bootstrap.ts';
export { CONFIG_VARIABLES, type Config, ConfigError, loadConfig } from './config.ts';
