#!/usr/bin/env node
// render_js.js — render the cases of gen_cases.js with mustache.js.
//
//   node tests/diff/render_js.js cases.json > js.json
//
// Writes an array with, for each case, {"out": "..."} or {"error": "..."}.
// HTML escaping is set to the specification's characters, as gen's:
// & < > " and '.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(process.cwd(), 'node_modules', 'mustache'));

const version = require(path.join(process.cwd(), 'node_modules', 'mustache',
  'package.json')).version;
if (version !== '4.2.0') {
  process.stderr.write('render_js.js: mustache.js ' + version +
    ' installed, want 4.2.0 (run make deps)\n');
  process.exit(2);
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
  "'": '&#39;' };
Mustache.escape = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const results = cases.map((c) => {
  try {
    return { out: Mustache.render(c.template, c.data, c.partials || {}) };
  } catch (e) {
    return { error: String(e.message || e) };
  }
});
process.stdout.write(JSON.stringify(results) + '\n');
