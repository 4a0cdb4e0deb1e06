#!/usr/bin/env node
console.log('tunelab: work in progress');
