/*!
 * search-worker.js: the search page's Web Worker. Loads lunr.min.js (lunr 2.3.9),
 * shard-loader.js and search-engine.js from its own folder and answers the page's messages:
 *   {id, method: 'init', args: {indexUrl}}         -> {id, result: true}
 *   {id, method: 'search', args: {q, filters, limit}} -> {id, result: <search-engine answer>}
 * A failure comes back as {id, error: message}; the engine itself never throws.
 */
/* global importScripts, ArchiveSearchEngine */
importScripts('lunr.min.js', 'shard-loader.js', 'search-engine.js')

var engine = null

self.onmessage = function (event) {
  var message = event.data || {}
  Promise.resolve().then(function () {
    if (message.method === 'init') {
      engine = new ArchiveSearchEngine.Engine({ indexUrl: message.args.indexUrl })
      return true
    }
    if (message.method === 'search' && engine) return engine.search(message.args)
    throw new Error('unknown message ' + message.method)
  }).then(function (result) {
    self.postMessage({ id: message.id, result: result })
  }, function (error) {
    self.postMessage({ id: message.id, error: String((error && error.message) || error) })
  })
}
