/*!
 * shard-loader.js: query a term-sharded lunr.js 2.3.9 index written by
 * archive/search/shards.py, fetching only the files a query needs.
 *
 * Plain ES2017, no bundler.  In a Web Worker:
 *     importScripts('lunr.js', 'shard-loader.js')
 *     var index = new ArchiveSearch.ShardedIndex({ baseUrl: '../search/' })
 *     var answer = await index.search('+belgorod -kursk title:drone belg* kursk~1')
 * In node:
 *     var ArchiveSearch = require('./shard-loader.js')   // finds lunr via require
 *
 * search() resolves to { results, error, stats }:
 *   results  lunr's own results ([{ ref, score, matchData }]) from lunr's own
 *            Index#search, run on a small lunr.Index rebuilt from the fetched
 *            terms (scores are exactly those of the monolithic index);
 *   error    null, or { type: 'QueryParseError', message, start, end } for a
 *            malformed query (never thrown), or { type, message } if a file
 *            could not be loaded;
 *   stats    { bytes, requests, files } fetched by this call (cached files
 *            are not fetched again).
 *
 * How a query is planned: lunr.QueryParser turns the string into clauses;
 * each clause term goes through the index's search pipeline (as
 * lunr.Index#query does).  Shards are ranges of the sorted term list
 * (manifest.shards.first holds where each begins), so an exact term is one
 * binary search away from its shard, and a prefix wildcard (belg*) loads
 * the shard(s) covering its prefix and expands against their terms (or,
 * when the prefix spans more than two shards, against the term-list chunks
 * of the prefix).  Fuzzy terms (~n) and leading wildcards (*grad) load the
 * whole term list (all term chunks) and expand against it.  Expansion is lunr's own TokenSet intersection, so
 * it finds exactly the terms lunr would find in the whole index; those
 * terms' shards are fetched and a lunr.Index is built from them.
 */
;(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(function () { return require('lunr') })
  } else {
    root.ArchiveSearch = factory(function () { return root.lunr })
  }
}(typeof self !== 'undefined' ? self : this, function (defaultLunr) {
  'use strict'

  var FORMAT = 'archive-lunr-shards'
  var CYRILLIC_LABEL = 'archiveCyrillic'

  /* Keep in sync with archive/search/text.py (CYRILLIC_ENDINGS and cyrillic_stem). */
  var CYRILLIC_ENDINGS = (
    'а я о е ы и у ю ь й і ї є ' +
    'ый ий ой ая яя ое ее ые ие ым им ых их ую юю ом ем ей ам ям ах ях ою ею ій ої ія ію ' +
    'ого его ому ему ыми ими ами ями ові еві'
  ).split(' ').filter(function (e, i, all) { return e && all.indexOf(e) === i })
    .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0) })
  var CYRILLIC_SK = ['ськ', 'цьк', 'ск', 'цк']
  var CYRILLIC_MIN_STEM = 3
  var CYR_ANY = /[\u0400-\u04ff]/
  var CYR_WORD = /^[\u0400-\u04ff']+$/
  var CYR_APOSTROPHES = /[\u2019\u02bc`]/g

  function endsWith (s, e) {
    return s.length >= e.length && s.slice(s.length - e.length) === e
  }

  /* Light Russian/Ukrainian suffix stripper; other words pass unchanged. */
  function cyrillicStem (term) {
    if (!CYR_ANY.test(term)) return term
    var w = term.replace(/ё/g, 'е').replace(CYR_APOSTROPHES, "'")
    if (!CYR_WORD.test(w)) return w
    var i, e
    for (i = 0; i < CYRILLIC_ENDINGS.length; i++) {
      e = CYRILLIC_ENDINGS[i]
      if (endsWith(w, e) && w.length - e.length >= CYRILLIC_MIN_STEM) {
        w = w.slice(0, w.length - e.length)
        break
      }
    }
    for (i = 0; i < CYRILLIC_SK.length; i++) {
      e = CYRILLIC_SK[i]
      if (endsWith(w, e) && w.length - e.length >= CYRILLIC_MIN_STEM) {
        w = w.slice(0, w.length - e.length)
        break
      }
    }
    return w
  }

  /* Register the archive's extra pipeline functions with a lunr instance
   * (needed before lunr.Index.load of an index whose pipeline names them). */
  function registerPipelineFunctions (lunr) {
    if (!(CYRILLIC_LABEL in lunr.Pipeline.registeredFunctions)) {
      var fn = function (token) {
        return token.update(function (s) { return cyrillicStem(s) })
      }
      lunr.Pipeline.registerFunction(fn, CYRILLIC_LABEL)
    }
    return lunr
  }

  /* Position of the last entry <= key in a sorted array of strings (JS order), or -1. */
  function lastAtOrBefore (sorted, key) {
    var lo = 0
    var hi = sorted.length - 1
    var found = -1
    while (lo <= hi) {
      var mid = (lo + hi) >> 1
      if (sorted[mid] <= key) {
        found = mid
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return found
  }

  /* Numbers of the ranges (given their sorted first entries) that can hold
   * strings starting with `prefix` ('' = all). */
  function rangesForPrefix (first, prefix) {
    var out = []
    var k
    if (!prefix) {
      for (k = 0; k < first.length; k++) out.push(k)
      return out
    }
    var start = Math.max(0, lastAtOrBefore(first, prefix))
    out.push(start)
    for (k = start + 1; k < first.length && first[k].slice(0, prefix.length) === prefix; k++) out.push(k)
    return out
  }

  function fill (template, n) {
    return template.replace('{n}', String(n))
  }

  function parseQuery (lunr, fields, queryString) {
    var query = new lunr.Query(fields)
    new lunr.QueryParser(queryString, query).parse()
    return query
  }

  function cleanError (lunr, e) {
    if (e && (e instanceof lunr.QueryParseError || e.name === 'QueryParseError')) {
      return { type: 'QueryParseError', message: String(e.message), start: e.start, end: e.end }
    }
    return { type: (e && e.name) || 'Error', message: String((e && e.message) || e) }
  }

  var hasOwn = Object.prototype.hasOwnProperty

  /**
   * @param {Object} options
   * @param {string} [options.baseUrl='']  folder holding manifest.json (with or without trailing '/')
   * @param {Function} [options.fetch]     fetch-compatible function (default: global fetch)
   * @param {Object} [options.lunr]        the lunr object (default: global lunr / require('lunr'))
   */
  function ShardedIndex (options) {
    options = options || {}
    var base = options.baseUrl || ''
    if (base && base.charAt(base.length - 1) !== '/') base += '/'
    this.baseUrl = base
    this.lunr = options.lunr || defaultLunr()
    if (!this.lunr) throw new Error('shard-loader: lunr is not loaded')
    registerPipelineFunctions(this.lunr)
    var f = options.fetch
    if (!f && typeof fetch === 'function') {
      f = fetch.bind(typeof self !== 'undefined' ? self : globalThis)
    }
    if (!f) throw new Error('shard-loader: no fetch function')
    this._fetch = f
    this.manifest = null
    this.fields = null
    this.pipeline = null
    this._ready = null
    this._refs = null
    this._refNumbers = null
    this._shards = new Map()
    this._chunks = new Map()
    this._chunkTokenSets = new Map()
    this._docData = new Map()
    this.stats = { bytes: 0, requests: 0, files: [] }
  }

  ShardedIndex.prototype._get = async function (path, versioned) {
    var url = this.baseUrl + path
    if (versioned && this.manifest) url += '?v=' + encodeURIComponent(this.manifest.version)
    // the manifest names the build (its version busts the other files' caches),
    // so it is revalidated every time; the rest may come from the HTTP cache
    var fetchFn = this._fetch
    var response = await fetchFn(url, versioned ? undefined : { cache: 'no-cache' })
    if (!response || (response.ok === false)) {
      var err = new Error('could not load ' + url + (response ? ' (HTTP ' + response.status + ')' : ''))
      err.name = 'LoadError'
      throw err
    }
    var buffer = await response.arrayBuffer()
    this.stats.bytes += buffer.byteLength
    this.stats.requests += 1
    this.stats.files.push(path)
    return new TextDecoder('utf-8').decode(buffer)
  }

  /* Load the manifest (and the ref list when refs are not 0..N-1). */
  ShardedIndex.prototype.ready = function () {
    var self = this
    if (!this._ready) {
      this._ready = (async function () {
        var manifest = JSON.parse(await self._get('manifest.json', false))
        if (manifest.format !== FORMAT || manifest.formatVersion !== 1) {
          throw new Error('shard-loader: unsupported index format')
        }
        self.manifest = manifest
        self.fields = manifest.fields.map(function (f) { return f.name })
        self.pipeline = self.lunr.Pipeline.load(manifest.pipeline)
        if (manifest.refs !== 'identity') {
          self._refs = JSON.parse(await self._get(manifest.refs, true))
        }
        return manifest
      })()
      this._ready.catch(function () { self._ready = null })
    }
    return this._ready
  }

  ShardedIndex.prototype.ref = function (docNumber) {
    return this._refs ? this._refs[docNumber] : String(docNumber)
  }

  /* Document number of a ref (for docData). */
  ShardedIndex.prototype.docNumber = function (ref) {
    if (!this._refs) return parseInt(ref, 10)
    if (!this._refNumbers) {
      this._refNumbers = new Map()
      for (var i = 0; i < this._refs.length; i++) this._refNumbers.set(this._refs[i], i)
    }
    return this._refNumbers.get(ref)
  }

  ShardedIndex.prototype._shard = function (n) {
    var self = this
    if (!this._shards.has(n)) {
      var p = this._get(fill(this.manifest.shards.path, n), true).then(JSON.parse)
      p.catch(function () { self._shards.delete(n) })
      this._shards.set(n, p)
    }
    return this._shards.get(n)
  }

  ShardedIndex.prototype._chunk = function (n) {
    var self = this
    if (!this._chunks.has(n)) {
      var p = this._get(fill(this.manifest.termChunks.path, n), true).then(function (text) {
        return text.split('\n')
      })
      p.catch(function () { self._chunks.delete(n) })
      this._chunks.set(n, p)
    }
    return this._chunks.get(n)
  }

  ShardedIndex.prototype.shardFor = function (term) {
    return Math.max(0, lastAtOrBefore(this.manifest.shards.first, term))
  }

  /* TokenSet of all terms in the given shards (for prefix wildcards). */
  ShardedIndex.prototype._shardTokenSet = async function (shardNumbers) {
    var shards = await Promise.all(shardNumbers.map(this._shard, this))
    var terms = []
    for (var i = 0; i < shards.length; i++) {
      for (var term in shards[i]) {
        if (hasOwn.call(shards[i], term)) terms.push(term)
      }
    }
    terms.sort()
    return this.lunr.TokenSet.fromArray(terms)
  }

  ShardedIndex.prototype._tokenSetFor = async function (chunkNumbers) {
    var key = chunkNumbers.join(',')
    if (this._chunkTokenSets.has(key)) return this._chunkTokenSets.get(key)
    var lists = await Promise.all(chunkNumbers.map(this._chunk, this))
    var terms = [].concat.apply([], lists)
    var tokenSet = this.lunr.TokenSet.fromArray(terms)
    this._chunkTokenSets.set(key, tokenSet)
    return tokenSet
  }

  /* The index terms the query can touch: exact terms (whether or not they
   * exist) plus the expansions of wildcard and fuzzy terms. */
  ShardedIndex.prototype._plan = async function (query) {
    var lunr = this.lunr
    var needed = new Set()
    var expansions = []
    for (var i = 0; i < query.clauses.length; i++) {
      var clause = query.clauses[i]
      var terms = clause.usePipeline
        ? this.pipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term]
      for (var m = 0; m < terms.length; m++) {
        var term = terms[m]
        var star = term.indexOf('*')
        if ('editDistance' in clause) {
          // an edit can change the first letter: expand against the term list
          var prefix = clause.editDistance > 0 ? '' : (star === -1 ? term : term.slice(0, star))
          expansions.push({ clause: { term: term, editDistance: clause.editDistance }, prefix: prefix })
        } else if (star !== -1) {
          expansions.push({ clause: { term: term }, prefix: term.slice(0, star) })
        } else {
          needed.add(term)
        }
      }
    }
    if (this.manifest.termCount > 0) {
      var self = this
      await Promise.all(expansions.map(async function (x) {
        // a prefix covered by one or two shards: expand against their terms
        // (the expansions are then already loaded); a longer range: expand
        // against the term chunks of the prefix and fetch only the shards of
        // the terms that match
        var shardRange = x.prefix ? rangesForPrefix(self.manifest.shards.first, x.prefix) : null
        var tokenSet = shardRange && shardRange.length <= 2
          ? await self._shardTokenSet(shardRange)
          : await self._tokenSetFor(rangesForPrefix(self.manifest.termChunks.first, x.prefix))
        var found = tokenSet.intersect(lunr.TokenSet.fromClause(x.clause)).toArray()
        for (var j = 0; j < found.length; j++) needed.add(found[j])
      }))
    }
    return needed
  }

  /* A lunr.Index over the given terms, built from their shards. */
  ShardedIndex.prototype._buildIndex = async function (terms, negated) {
    var lunr = this.lunr
    var self = this
    var byShard = new Map()
    terms.forEach(function (term) {
      var n = self.shardFor(term)
      if (!byShard.has(n)) byShard.set(n, [])
      byShard.get(n).push(term)
    })
    var shardNumbers = Array.from(byShard.keys())
    var shards = await Promise.all(shardNumbers.map(this._shard, this))

    var fields = this.fields
    var invertedIndex = Object.create(null)
    var entries = new Map()
    var present = []
    for (var s = 0; s < shardNumbers.length; s++) {
      var shard = shards[s]
      var wanted = byShard.get(shardNumbers[s])
      for (var w = 0; w < wanted.length; w++) {
        var term = wanted[w]
        if (!hasOwn.call(shard, term)) continue
        var entry = shard[term]
        var termIndex = entry[0]
        var posting = Object.create(null)
        posting._index = termIndex
        for (var f = 0; f < fields.length; f++) {
          var field = fields[f]
          var deltas = entry[1 + 2 * f]
          var scores = entry[2 + 2 * f]
          var fieldPosting = Object.create(null)
          var doc = 0
          for (var j = 0; j < deltas.length; j++) {
            doc += deltas[j]
            var ref = this.ref(doc)
            fieldPosting[ref] = {}
            var fieldRef = field + '/' + ref
            var pairs = entries.get(fieldRef)
            if (pairs === undefined) entries.set(fieldRef, pairs = [])
            pairs.push(termIndex, scores[j] / 1000)
          }
          posting[field] = fieldPosting
        }
        invertedIndex[term] = posting
        present.push(term)
      }
    }

    var fieldVectors = {}
    var toVector = function (pairs) {
      if (pairs.length > 2) {
        var order = []
        for (var k = 0; k < pairs.length; k += 2) order.push(k)
        order.sort(function (a, b) { return pairs[a] - pairs[b] })
        var elements = []
        for (var o = 0; o < order.length; o++) elements.push(pairs[order[o]], pairs[order[o] + 1])
        return new lunr.Vector(elements)
      }
      return new lunr.Vector(pairs)
    }
    if (negated) {
      // lunr scores an all-prohibited query over every field of every document,
      // in the order the index lists them.
      var n = this.manifest.documentCount
      for (var d = 0; d < n; d++) {
        var r = this.ref(d)
        for (var g = 0; g < fields.length; g++) {
          var fr = fields[g] + '/' + r
          var p = entries.get(fr)
          fieldVectors[fr] = p ? toVector(p) : new lunr.Vector()
        }
      }
    } else {
      entries.forEach(function (pairs, fieldRef) { fieldVectors[fieldRef] = toVector(pairs) })
    }

    present.sort()
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(present),
      fields: fields.slice(),
      pipeline: this.pipeline
    })
  }

  ShardedIndex.prototype.search = async function (queryString) {
    var before = { bytes: this.stats.bytes, requests: this.stats.requests, files: this.stats.files.length }
    var self = this
    var stats = function () {
      return {
        bytes: self.stats.bytes - before.bytes,
        requests: self.stats.requests - before.requests,
        files: self.stats.files.slice(before.files)
      }
    }
    try {
      await this.ready()
      var query = parseQuery(this.lunr, this.fields, String(queryString))
      var terms = await this._plan(query)
      var index = await this._buildIndex(terms, query.isNegated())
      var results = index.search(String(queryString))
      return { results: results, error: null, stats: stats() }
    } catch (e) {
      return { results: [], error: cleanError(this.lunr, e), stats: stats() }
    }
  }

  /* Per-document extra data written with write_sharded_index(doc_data=…):
   * resolves to the values for the given document numbers, in that order. */
  ShardedIndex.prototype.docData = async function (name, docNumbers) {
    await this.ready()
    var spec = this.manifest.docData && this.manifest.docData[name]
    if (!spec) throw new Error('shard-loader: no doc data named ' + name)
    var self = this
    var files = new Map()
    docNumbers.forEach(function (d) {
      var n = Math.floor(d / spec.docsPerFile)
      var key = name + '/' + n
      if (!files.has(n)) {
        if (!self._docData.has(key)) {
          var p = self._get(fill(spec.path, n), true).then(JSON.parse)
          p.catch(function () { self._docData.delete(key) })
          self._docData.set(key, p)
        }
        files.set(n, self._docData.get(key))
      }
    })
    var loaded = new Map()
    var keys = Array.from(files.keys())
    var values = await Promise.all(keys.map(function (k) { return files.get(k) }))
    keys.forEach(function (k, i) { loaded.set(k, values[i]) })
    return docNumbers.map(function (d) {
      return loaded.get(Math.floor(d / spec.docsPerFile))[d % spec.docsPerFile]
    })
  }

  /* Load a monolithic lunr JSON index (registering the archive's pipeline functions first). */
  function loadMonolithic (lunr, serialized) {
    registerPipelineFunctions(lunr)
    return lunr.Index.load(typeof serialized === 'string' ? JSON.parse(serialized) : serialized)
  }

  /* Search a loaded lunr.Index, returning { results, error } instead of throwing. */
  function safeSearch (lunr, index, queryString) {
    try {
      return { results: index.search(String(queryString)), error: null }
    } catch (e) {
      return { results: [], error: cleanError(lunr, e) }
    }
  }

  return {
    FORMAT: FORMAT,
    CYRILLIC_LABEL: CYRILLIC_LABEL,
    ShardedIndex: ShardedIndex,
    cyrillicStem: cyrillicStem,
    registerPipelineFunctions: registerPipelineFunctions,
    rangesForPrefix: rangesForPrefix,
    parseQuery: parseQuery,
    loadMonolithic: loadMonolithic,
    safeSearch: safeSearch
  }
}))
