#!/usr/bin/env node
// A committed entry point, so npm links the `tunelab` bin at install time; the code is built into dist/.
require('../dist/main.js');
