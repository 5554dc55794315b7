#!/usr/bin/env node
import { runCli } from './cli/index.js';

// Entry point: one command per process; the exit code carries the outcome (see cli/index.ts).
process.exitCode = await runCli(process.argv.slice(2));
