#!/usr/bin/env node
// gen_cases.js — a deterministic generator of random Mustache cases for the
// differential test (gen's engine against mustache.js 4.2.0).
//
//   node tests/diff/gen_cases.js [--seed N] [--count N] > cases.json
//
// Writes a JSON array of {"template", "partials", "data"}.  The cases use
// what both engines implement the same way: variables, {{{triple}}} and
// {{&ampersand}}, sections and inverted sections (inline, standalone and
// spanning lines), dotted names, comments, delimiter changes and partials
// (standalone with indentation, or inline), with Chinese text in data,
// keys and templates.  They avoid the places where mustache.js departs
// from the specification (README of this folder).
'use strict';

// ---- Seeded random numbers (mulberry32) ----

let seed = 1;
let count = 3000;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--seed') seed = Number(process.argv[++i]);
  else if (process.argv[i] === '--count') count = Number(process.argv[++i]);
  else {
    process.stderr.write('usage: gen_cases.js [--seed N] [--count N]\n');
    process.exit(2);
  }
}

let state = seed >>> 0;
function random() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (a) => a[int(a.length)];
const chance = (p) => random() < p;

// ---- Data: every key has one shape wherever it appears ----
//
// Objects are never null and always have all their keys, so a dotted name
// resolves the same way in both engines (mustache.js goes on to outer
// contexts when a chain breaks; the specification does not).

const STRINGS = ['', '0', 'abc', '工作要点', '昌平区<工作>&要点', 'a & b',
  '"引号"', "it's", '<b>粗</b>', '第一季度', '　全角空格', 'x\ny', ' 空 格 ',
  '完成情况：85%', 'Tom & Jerry', '一、总体要求', '&amp;', 'null'];
const NUMBERS = [0, 1, -2, 85, 1.5, 2025, 0.25, 1000, 3.75, -0.5];

const SCALARS = {
  name: 'str', title: 'str', org: 'str', 名称: 'str', 标题: 'str',
  html: 'str', count: 'num', year: 'num', ratio: 'num', ok: 'bool',
  flag: 'bool', 开: 'bool', maybe: 'nullable',
};
const SUB = { title: 'str', flag: 'bool', 值: 'num' };
const OBJ = { name: 'str', count: 'num', ok: 'bool', sub: SUB };
const META = { org: 'str', year: 'num', 部门: 'str' };
const ITEM = { name: 'str', count: 'num', ok: 'bool', tags: 'strlist',
  sub: SUB };
const ROOT = Object.assign({}, SCALARS, { obj: OBJ, meta: META,
  items: 'itemlist', tags: 'strlist', nums: 'numlist', empty: 'emptylist',
  列表: 'itemlist' });

function value(kind) {
  if (typeof kind === 'object') return object(kind);
  switch (kind) {
    case 'str': return pick(STRINGS);
    case 'num': return pick(NUMBERS);
    case 'bool': return chance(0.5);
    case 'nullable': return chance(0.5) ? null : pick(STRINGS);
    case 'strlist': return Array.from({ length: int(4) }, () => pick(STRINGS));
    case 'numlist': return Array.from({ length: int(4) }, () => pick(NUMBERS));
    case 'emptylist': return [];
    case 'itemlist': return Array.from({ length: int(4) }, () => object(ITEM));
  }
  throw new Error('kind ' + kind);
}

function object(shape) {
  const o = {};
  for (const k of Object.keys(shape)) o[k] = value(shape[k]);
  return o;
}

// Names by what they may do.
const SCALAR_NAMES = Object.keys(SCALARS).concat(['obj.name', 'obj.count',
  'obj.ok', 'obj.sub.title', 'obj.sub.flag', 'obj.sub.值', 'meta.org',
  'meta.year', 'meta.部门', 'sub.title', 'sub.值', 'nope', 'obj.nope',
  '缺少']);
// Section names and what "." is inside them (null: not usable).
const SECTION_NAMES = {
  items: null, 列表: null, tags: 'str', nums: 'num', empty: null,
  obj: null, 'obj.sub': null, meta: null, sub: null, ok: null, flag: null,
  开: null, 'obj.ok': null, 'obj.sub.flag': null, name: 'str', count: 'num',
  maybe: 'str', title: 'str', nope: null, 'meta.org': 'str',
};

// ---- Templates ----

const WORDS = ['工作', '要点', '完成', '情况', 'abc', 'x', '1.', '一、',
  '（二）', '，', '。', '-', 'Hello', '&', '"', "'", '#', '^', '/', '!',
  '*', '$', 'a.b', '第3项', '：', ';'];
const DELIMS = [['{{', '}}'], ['<%', '%>'], ['[[', ']]'], ['<<', '>>'],
  ['{%', '%}']];

class Gen {
  constructor(partialNames, inPartial) {
    this.o = '{{';
    this.c = '}}';
    this.partials = partialNames;	// names this template may include
    this.inPartial = inPartial;
  }

  tag(sigil, name) {
    const pad = () => (chance(0.2) ? ' ' : '');
    return this.o + sigil + pad() + name + pad() + this.c;
  }

  text() {
    let s = pick(WORDS);
    while (chance(0.4)) s += (chance(0.3) ? ' ' : '') + pick(WORDS);
    return s;
  }

  indent() {
    return pick(['', '', '', ' ', '  ', '    ', '\t']);
  }

  // One inline element; dot says what "." may be (null: not usable);
  // partialOk: whether an inline partial may go here.
  inline(depth, dot, partialOk) {
    const r = random();
    if (r < 0.3) return this.text();
    if (r < 0.5) return this.tag('', this.varName(dot));
    if (r < 0.58) {
      const n = this.varName(dot);
      return this.o === '{{' && chance(0.5) ? '{{{' + n + '}}}'
        : chance(0.5) ? this.o + '{' + n + '}' + this.c : this.tag('&', n);
    }
    if (r < 0.63) return this.tag('!', ' ' + this.text() + ' ');
    if (r < 0.8 && depth < 4) {
      const [name, d] = this.sectionName(dot);
      const sig = chance(0.75) ? '#' : '^';
      let body = '';
      const n = 1 + int(3);
      for (let i = 0; i < n; i++)
        body += this.inline(depth + 1, sig === '#' ? d : dot, true);
      return this.tag(sig, name) + body + this.tag('/', name);
    }
    // An inline partial: mustache.js indents one that is the first tag of
    // its line when anything precedes it, so only after another tag, or
    // at the very start of a line of the main template.
    if (r < 0.88 && this.partials.length > 0 && partialOk) {
      return this.tag('>', pick(this.partials));
    }
    return this.text();
  }

  varName(dot) {
    if (dot !== null && chance(0.25)) return '.';
    return pick(SCALAR_NAMES);
  }

  sectionName(dot) {
    if (dot !== null && chance(0.05)) return ['.', dot];
    const name = pick(Object.keys(SECTION_NAMES));
    return [name, SECTION_NAMES[name]];
  }

  // A line of text and inline tags with at least one non-blank character
  // outside the tags, so that neither engine takes it as standalone.
  contentLine(depth, dot) {
    const n = 1 + int(4);
    const at = int(n);		// where the sure text goes
    let s = chance(0.2) ? this.indent() : '';
    let tagBefore = false;
    for (let i = 0; i < n; i++) {
      if (i === at) {
        s += this.text();
        continue;
      }
      const piece = this.inline(depth, dot,
        tagBefore || (!this.inPartial && s === ''));
      if (piece.includes(this.o)) tagBefore = true;
      s += piece;
    }
    return s;
  }

  // Lines (without their final line break) for a body.
  block(depth, dot, budget) {
    const out = [];
    const n = 1 + int(budget);
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.35 || depth >= 3) {
        out.push(this.contentLine(depth, dot));
      } else if (r < 0.55) {
        // standalone section or inverted section
        const [name, d] = this.sectionName(dot);
        const sig = chance(0.75) ? '#' : '^';
        out.push(this.indent() + this.tag(sig, name));
        out.push(...this.block(depth + 1, sig === '#' ? d : dot, 3));
        out.push(this.indent() + this.tag('/', name));
      } else if (r < 0.63) {
        // a section spanning lines, its tags among text
        const [name, d] = this.sectionName(dot);
        const sig = chance(0.75) ? '#' : '^';
        const inner = sig === '#' ? d : dot;
        out.push(this.text() + this.tag(sig, name) + this.text());
        out.push(...this.block(depth + 1, inner, 2));
        out.push(this.text() + this.tag('/', name) + this.text());
      } else if (r < 0.7) {
        out.push(this.indent() + this.tag('!', ' ' + this.text() + ' '));
      } else if (r < 0.78 && this.partials.length > 0) {
        out.push(this.indent() + this.tag('>', pick(this.partials)));
      } else if (r < 0.83) {
        // delimiter change, standalone or at the start of a content line
        const [o, c] = pick(DELIMS);
        const sp = chance(0.3) ? ' ' : '';
        const t = this.o + '=' + sp + o + ' ' + c + sp + '=' + this.c;
        this.o = o;
        this.c = c;
        if (chance(0.6)) out.push(this.indent() + t);
        else out.push(t + this.contentLine(depth, dot));
      } else if (r < 0.88) {
        out.push(chance(0.5) ? '' : this.indent());
      } else {
        out.push(this.contentLine(depth, dot));
      }
    }
    return out;
  }

  template(budget) {
    const lines = this.block(0, null, budget);
    let s = lines.join('\n');
    if (chance(0.8)) s += '\n';
    return s;
  }
}

const cases = [];
for (let i = 0; i < count; i++) {
  const np = int(4);
  const names = Array.from({ length: np }, (_, k) => (chance(0.2) ? '部分' : 'p') + k);
  const partials = {};
  // partial k may include only partials after it: no recursion
  for (let k = np - 1; k >= 0; k--)
    partials[names[k]] = new Gen(names.slice(k + 1), true).template(3);
  const template = new Gen(names, false).template(6);
  cases.push({ template, partials, data: object(ROOT) });
}
process.stdout.write(JSON.stringify(cases) + '\n');
