#!/usr/bin/env node
// render_bench.js — time mustache.js on the template and data of
// bench/render.sh, as render_bench.c times gen.
//
//   node bench/render_bench.js TEMPLATE DATA.json RUNS [OUT]
//
// Parses the template once (mustache.js caches it), renders RUNS times and
// prints "mustache.js BYTES MEDIAN_SECONDS".  Escaping is set to & < > " '
// as gen's.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(process.cwd(), 'node_modules', 'mustache'));

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
  "'": '&#39;' };
Mustache.escape = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

const [tfile, dfile, runsArg, outFile] = process.argv.slice(2);
const template = fs.readFileSync(tfile, 'utf8');
const data = JSON.parse(fs.readFileSync(dfile, 'utf8'));
const runs = Number(runsArg);
Mustache.parse(template);
const times = [];
let out = '';
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  out = Mustache.render(template, data);
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const bytes = Buffer.byteLength(out);
console.log('mustache.js ' + bytes + ' ' + times[Math.floor(runs / 2)].toFixed(6));
if (outFile) fs.writeFileSync(outFile, out);
