// newsmark's annotator worker: runs the page's own program off the main thread for long
// texts (see src/ui/worker.rs). The page sends, once, the URL of its wasm-bindgen glue, its
// compiled WebAssembly.Module and the entity model's bytes; then texts to annotate, one at
// a time, each answered with the article packed as numbers and strings (Article::pack).
// The page's JS API (window.newsmark.annotateAsync) sends texts of its own ('export'),
// answered with the newsmark/1 export packed ('exported') or a refusal with its code
// ('refused'). Messages are answered in the order they came. Nothing is fetched but the
// glue script.
let program = null;
let ready = null;

self.onmessage = (event) => {
  const m = event.data;
  if (m.type === 'init') {
    ready = (async () => {
      const glue = await import(m.glue);
      // The glue's start function runs the app's main, which does nothing without a window.
      await glue.default({ module_or_path: m.module });
      glue.workerLoadModel(m.model);
      program = glue;
    })();
    ready.then(
      () => self.postMessage({ type: 'ready' }),
      (e) => self.postMessage({ type: 'failed', error: String(e) }),
    );
  } else if (m.type === 'annotate') {
    ready.then(() => {
      let article;
      try {
        article = program.workerAnnotate(m.text, m.dct);
      } catch (e) {
        // A panic aborts this instance of the program: the page annotates from now on.
        self.postMessage({ type: 'failed', id: m.id, error: String(e) });
        return;
      }
      const { numbers, strings } = article;
      self.postMessage({ type: 'done', id: m.id, numbers, strings }, [numbers.buffer]);
    }, () => {});
  } else if (m.type === 'export') {
    ready.then(() => {
      let packed;
      try {
        packed = program.workerExport(m.text, m.dct);
      } catch (e) {
        // A refusal carries its code; anything else is a panic, as above.
        if (e instanceof Error && typeof e.code === 'string') {
          self.postMessage({ type: 'refused', id: m.id, code: e.code, message: e.message });
        } else {
          self.postMessage({ type: 'failed', id: m.id, error: String(e) });
        }
        return;
      }
      const { head, numbers, strings } = packed;
      self.postMessage({ type: 'exported', id: m.id, head, numbers, strings }, [numbers.buffer]);
    }, () => {});
  }
};
