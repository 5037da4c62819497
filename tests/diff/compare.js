#!/usr/bin/env node
// compare.js — compare gen's and mustache.js's outputs of the same cases.
//
//   node tests/diff/compare.js cases.json gen.json js.json
//
// Prints the first differences in full, then one summary line; exits 1
// when any case differs (or failed in either engine).
'use strict';
const fs = require('fs');

const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const [cases, gen, js] = process.argv.slice(2, 5).map(read);
if (gen.length !== cases.length || js.length !== cases.length) {
  console.log('compare.js: ' + cases.length + ' cases but ' + gen.length +
    ' gen results and ' + js.length + ' mustache.js results');
  process.exit(1);
}

const SHOW = 5;
let differ = 0;
let errors = 0;
let bytes = 0;
for (let i = 0; i < cases.length; i++) {
  const g = gen[i];
  const j = js[i];
  if (g.error !== undefined || j.error !== undefined) errors++;
  else bytes += Buffer.byteLength(g.out);
  if (g.out !== undefined && g.out === j.out) continue;
  differ++;
  if (differ > SHOW) continue;
  console.log('--- case ' + i + ' differs');
  console.log('template: ' + JSON.stringify(cases[i].template));
  for (const [k, v] of Object.entries(cases[i].partials || {}))
    console.log('partial ' + k + ': ' + JSON.stringify(v));
  console.log('data: ' + JSON.stringify(cases[i].data));
  console.log('gen:         ' + JSON.stringify(g.out !== undefined ? g.out : 'ERROR ' + g.error));
  console.log('mustache.js: ' + JSON.stringify(j.out !== undefined ? j.out : 'ERROR ' + j.error));
}
if (differ > SHOW) console.log('... and ' + (differ - SHOW) + ' more');
console.log('mustache-diff: ' + cases.length + ' cases (' + bytes +
  ' bytes of output), ' + differ + ' differences, ' + errors + ' errors');
process.exit(differ > 0 ? 1 : 0);
