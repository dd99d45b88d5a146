#!/usr/bin/env node
// A committed entry point, so `npm install` links the bin on a fresh clone before anything is
// built (npm links only files that exist at install time). The program is the built dist/cli.js.
import '../dist/cli.js';
