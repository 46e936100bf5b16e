// xhr2 ships no types: it is the browser's XMLHttpRequest for Node, which the Direct Line client's ajax uses.
declare module 'xhr2' {
  const XMLHttpRequestPolyfill: typeof XMLHttpRequest;
  export = XMLHttpRequestPolyfill;
}
