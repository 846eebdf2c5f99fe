// The studio's code editor: Monaco, as shipped in the BlazorMonaco package and served by CareBot itself from
// _content/BlazorMonaco (nothing from a CDN). BlazorMonaco 3.0.0's component has no API for markers or completion
// providers, so this one module creates the editor, debounces typing (a keystroke never crosses the circuit: the whole
// text is sent once typing pauses), shows the validator's problems as markers and offers the schema's keys.
// Monaco's AMD loader is loaded on the studio page only, so no other page sees its global `define`.

const vs = new URL("_content/BlazorMonaco/lib/monaco-editor/min/vs", document.baseURI).href;
let loading = null;
let completionRegistered = false;
let completion = null;

function loadMonaco() {
  if (window.monaco) {
    return Promise.resolve(window.monaco);
  }
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = vs + "/loader.js";
    script.onload = () => {
      window.require.config({ paths: { vs } });
      window.require(["vs/editor/editor.main"], () => resolve(window.monaco), reject);
    };
    script.onerror = () => reject(new Error("Monaco could not be loaded from " + script.src));
    document.head.appendChild(script);
  });
  return loading;
}

// Which keys fit the cursor's line, from the section it is in (the nearest line above at indentation 0) and the line:
// at indentation 0 the top-level keys; in `nodes:` a node kind or a node key (and condition keys inside `when:`); in
// `tests:` a test or step key. Values are not completed.
function keysAt(model, position) {
  const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
  if (/:\s/.test(line.replace(/^\s*-\s*/, "")) && !/\{[^}]*$/.test(line)) {
    return [];
  }
  const indent = line.match(/^\s*/)[0].length;
  if (indent === 0 && !line.trimStart().startsWith("-")) {
    return completion.rootKeys;
  }
  let section = "";
  for (let n = position.lineNumber - 1; n >= 1; n--) {
    const above = model.getLineContent(n);
    const key = above.match(/^([A-Za-z_][\w.]*):/);
    if (key) {
      section = key[1];
      break;
    }
  }
  if (/when:\s*\{[^}]*$/.test(line)) {
    return completion.conditionKeys;
  }
  if (section === "nodes") {
    return [...completion.nodeKinds.map(k => ({ ...k, kind: true })), ...completion.nodeKeys];
  }
  if (section === "tests") {
    return completion.stepKeys;
  }
  return [];
}

function registerCompletion(monaco) {
  if (completionRegistered) {
    return;
  }
  completionRegistered = true;
  monaco.languages.registerCompletionItemProvider("yaml", {
    provideCompletionItems(model, position) {
      if (!completion || model.carebotCompletion !== true) {
        return { suggestions: [] };
      }
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      return {
        suggestions: keysAt(model, position).map(k => ({
          label: k.label,
          kind: k.kind ? monaco.languages.CompletionItemKind.Class : monaco.languages.CompletionItemKind.Property,
          detail: k.kind ? "node kind" : "key",
          documentation: k.description,
          sortText: (k.kind ? "0" : "1") + k.label, // node kinds first
          insertText: k.label + ": ",
          range
        }))
      };
    }
  });
}

// Creates the editor in `host` (kept on the element); false when Monaco cannot be loaded (the textarea stays).
export async function create(host, text, dotnet, options) {
  let monaco;
  try {
    monaco = await loadMonaco();
  } catch (error) {
    console.warn("The studio keeps the plain text editor: " + error);
    return false;
  }
  if (options.completion) {
    completion = options.completion;
  }
  registerCompletion(monaco);
  const editor = monaco.editor.create(host, {
    value: text,
    language: "yaml",
    ariaLabel: options.ariaLabel,
    readOnly: options.readOnly,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    fixedOverflowWidgets: true
  });
  const model = editor.getModel();
  model.carebotCompletion = Boolean(options.completion);
  const state = { editor, model, replacing: false, timer: 0 };
  const send = () => {
    clearTimeout(state.timer);
    state.timer = 0;
    dotnet.invokeMethodAsync("OnEditorChanged", model.getValue());
  };
  editor.onDidChangeModelContent(() => {
    if (state.replacing) {
      return;
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(send, options.debounceMs);
  });
  // Leaving the editor sends what is still waiting for the pause at once: a paste followed at once by a click on
  // "Publish" or "Replay" must act on the pasted text (the blur reaches the server before the click does).
  editor.onDidBlurEditorText(() => {
    if (state.timer) {
      send();
    }
  });
  host.carebotEditor = state;
  host.dataset.ready = "true"; // what the browser tests wait for
  return true;
}

// Replaces the text from the server (load, discard) without sending it back.
export function setText(host, value) {
  const state = host.carebotEditor;
  state.replacing = true;
  try {
    state.model.setValue(value);
  } finally {
    state.replacing = false;
  }
}

// The validator's problems as markers: from the column to the end of the line (diagnostics carry a start only).
export function setMarkers(host, problems) {
  const { model } = host.carebotEditor;
  const lineOf = p => Math.min(Math.max(p.line, 1), model.getLineCount());
  window.monaco.editor.setModelMarkers(model, "carebot", problems.map(p => ({
    startLineNumber: lineOf(p),
    startColumn: Math.max(p.column, 1),
    endLineNumber: lineOf(p),
    endColumn: model.getLineMaxColumn(lineOf(p)),
    message: p.message,
    severity: p.error ? window.monaco.MarkerSeverity.Error : window.monaco.MarkerSeverity.Warning
  })));
}

export function revealLine(host, line) {
  const { editor, model } = host.carebotEditor;
  editor.revealLineInCenter(line);
  editor.setPosition({ lineNumber: line, column: model.getLineFirstNonWhitespaceColumn(line) || 1 });
  editor.focus();
}

export function dispose(host) {
  const state = host.carebotEditor;
  if (state) {
    clearTimeout(state.timer);
    state.editor.dispose();
    host.carebotEditor = null;
  }
}

// The plain textarea's counterpart of revealLine: selects the line's start and scrolls it into view.
export function revealTextareaLine(textarea, line) {
  const lines = textarea.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start);
  const gutterLine = textarea.parentElement.querySelector(`.gutter .line[data-line='${line}']`);
  gutterLine?.scrollIntoView({ block: "center" });
}
