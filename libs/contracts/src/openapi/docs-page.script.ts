/**
 * The browser side of `/docs`, as plain ES2017 text inlined in the page (no bundler, no CDN). It
 * fetches the document from the same origin and builds the listing with createElement/textContent
 * only, never innerHTML, so nothing in the document can inject markup. Kept to a handful of DOM calls
 * so the spec can run it against a tiny fake DOM.
 *
 * Placeholders `__SPEC_URL__` and `__KEY_NAME__` are replaced by JSON string literals.
 */
export const DOCS_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SPEC_URL = __SPEC_URL__;
  var KEY_NAME = __KEY_NAME__;
  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];
  var root = document.getElementById('np-root');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function refName(ref) { return ref.slice(ref.lastIndexOf('/') + 1); }
  function link(name) {
    var a = el('a', 'np-ref', name);
    a.setAttribute('href', '#schema-' + name);
    return a;
  }

  /** A schema as a short type expression: links for $refs, "a | b" for unions. */
  function typeOf(s) {
    var box = el('span', 'np-type');
    if (!s || typeof s !== 'object') return add(box, document.createTextNode('any'));
    if (s.$ref) return add(box, link(refName(s.$ref)));
    var parts = s.anyOf || s.oneOf || s.allOf;
    if (parts) {
      parts.forEach(function (p, i) {
        if (i > 0) add(box, document.createTextNode(s.allOf ? ' & ' : ' | '));
        add(box, typeOf(p));
      });
      return box;
    }
    if (s.const !== undefined) return add(box, document.createTextNode(JSON.stringify(s.const)));
    if (s.enum) return add(box, document.createTextNode(s.enum.map(function (v) { return JSON.stringify(v); }).join(' | ')));
    var types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['any'];
    types.forEach(function (t, i) {
      if (i > 0) add(box, document.createTextNode(' | '));
      if (t === 'array') {
        add(box, document.createTextNode('array of '));
        add(box, typeOf(s.items));
      } else {
        add(box, document.createTextNode(t + (s.format ? ' (' + s.format + ')' : '')));
      }
    });
    return box;
  }

  function bounds(s) {
    var out = [];
    if (s.minimum !== undefined) out.push('≥ ' + s.minimum);
    if (s.maximum !== undefined) out.push('≤ ' + s.maximum);
    if (s.pattern) out.push('pattern ' + s.pattern);
    if (s.default !== undefined) out.push('default ' + JSON.stringify(s.default));
    return out.join(', ');
  }

  function table(head, rows) {
    var t = el('table', 'np-table');
    var tr = el('tr');
    head.forEach(function (h) { add(tr, el('th', null, h)); });
    add(t, tr);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c) { add(row, c && c.nodeType ? add(el('td'), c) : el('td', null, c)); });
      add(t, row);
    });
    return t;
  }

  function example(value) {
    return value === undefined ? null : el('pre', 'np-example', typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }

  function firstExample(media) {
    var ex = media && media.examples;
    if (!ex) return undefined;
    var k = Object.keys(ex)[0];
    return k ? ex[k].value : undefined;
  }

  function operation(method, path, op) {
    var box = el('section', 'np-op np-' + method);
    box.setAttribute('id', 'op-' + op.operationId);
    add(box, add(el('h3'), el('span', 'np-method', method.toUpperCase()), el('code', 'np-path', path), el('span', 'np-summary', op.summary)));
    if (op.security && op.security.length === 0) add(box, el('p', 'np-note', 'No API key needed.'));
    if (op.description) add(box, el('p', null, op.description));
    if (op.parameters && op.parameters.length) {
      add(box, el('h4', null, 'Parameters'));
      add(box, table(['name', 'in', 'type', 'description'], op.parameters.map(function (p) {
        return [p.name + (p.required ? ' *' : ''), p.in, typeOf(p.schema), p.description || ''];
      })));
    }
    if (op.requestBody) {
      add(box, el('h4', null, 'Request body'));
      Object.keys(op.requestBody.content).forEach(function (ct) {
        var media = op.requestBody.content[ct];
        add(box, add(el('p'), el('code', null, ct), document.createTextNode(' '), typeOf(media.schema)));
        add(box, example(firstExample(media)));
      });
    }
    add(box, el('h4', null, 'Responses'));
    Object.keys(op.responses).forEach(function (status) {
      var r = op.responses[status];
      var line = add(el('p', 'np-status'), el('strong', null, status), document.createTextNode(' ' + r.description + ' '));
      var cts = Object.keys(r.content || {});
      if (cts.length) add(line, typeOf(r.content[cts[0]].schema));
      add(box, line);
      if (status.charAt(0) === '2' && cts.length) add(box, example(firstExample(r.content[cts[0]])));
    });
    return box;
  }

  function schemaSection(name, s) {
    var box = el('section', 'np-schema');
    box.setAttribute('id', 'schema-' + name);
    add(box, el('h3', null, name));
    if (s.description) add(box, el('p', null, s.description));
    if (s.allOf) add(box, add(el('p'), document.createTextNode('All of: '), typeOf(s)));
    var props = s.properties || {};
    var required = s.required || [];
    var names = Object.keys(props);
    if (names.length) {
      add(box, table(['field', 'type', 'rules', 'description'], names.map(function (n) {
        var p = props[n];
        return [n + (required.indexOf(n) >= 0 ? ' *' : ''), typeOf(p), bounds(p), p.description || ''];
      })));
    } else if (!s.allOf) {
      add(box, add(el('p'), typeOf(s)));
    }
    if (s.additionalProperties === true) add(box, el('p', 'np-note', 'Other keys are accepted.'));
    return box;
  }

  function render(doc) {
    root.textContent = '';
    add(root, el('h1', null, doc.info.title + ' ' + doc.info.version));
    add(root, el('p', null, doc.info.description));
    var spec = el('a', null, 'OpenAPI document (JSON)');
    spec.setAttribute('href', SPEC_URL);
    add(root, add(el('p'), spec));
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      METHODS.forEach(function (m) {
        var op = doc.paths[path][m];
        if (!op) return;
        var tag = (op.tags && op.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push(operation(m, path, op));
      });
    });
    var tags = (doc.tags || []).map(function (t) { return t.name; });
    Object.keys(byTag).forEach(function (t) { if (tags.indexOf(t) < 0) tags.push(t); });
    tags.forEach(function (t) {
      if (!byTag[t]) return;
      add(root, el('h2', null, t));
      byTag[t].forEach(function (s) { add(root, s); });
    });
    add(root, el('h2', null, 'Schemas'));
    var schemas = (doc.components && doc.components.schemas) || {};
    Object.keys(schemas).forEach(function (n) { add(root, schemaSection(n, schemas[n])); });
  }

  function askKey(message) {
    root.textContent = '';
    var form = el('form', 'np-key');
    var input = el('input');
    input.setAttribute('type', 'password');
    input.setAttribute('placeholder', KEY_NAME);
    add(form, el('p', null, message), input, el('button', null, 'Load'));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      load(input.value);
    });
    add(root, form);
  }

  function load(key) {
    var headers = { Accept: 'application/json' };
    if (key) headers[KEY_NAME] = key;
    return fetch(SPEC_URL, { headers: headers, credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) return askKey('The document needs the API key (' + KEY_NAME + ').');
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json().then(render);
      })
      .catch(function (err) {
        root.textContent = '';
        add(root, el('p', 'np-error', 'Could not load ' + SPEC_URL + ': ' + err.message));
      });
  }

  load('');
})();
`;
