// The page's one store of shared state. Every field is declared when the store is made, so a misspelt field throws
// instead of quietly starting a second copy of the state; listeners are told which fields changed, so each feature
// redraws only what it shows.
export function createStore(fields) {
  let state = Object.freeze({ ...fields });
  const listeners = new Set();
  const queue = [];
  let notifying = false;

  // A listener that sets fields in turn is heard after the current change has reached every listener, so all of
  // them hear the changes in the order they were made.
  function notify(changed) {
    queue.push(changed);
    if (notifying) return;
    notifying = true;
    try {
      while (queue.length) {
        const next = queue.shift();
        for (const listener of [...listeners]) listener(next);
      }
    } finally {
      notifying = false;
      queue.length = 0;
    }
  }

  return {
    get state() { return state; },

    // Sets the given fields; listeners hear the ones whose value changed (Object.is), if any. Returns those names.
    set(changes) {
      const changed = new Set();
      for (const [key, value] of Object.entries(changes)) {
        if (!Object.hasOwn(state, key)) throw new Error(`the store has no field '${key}'`);
        if (!Object.is(state[key], value)) changed.add(key);
      }
      if (changed.size === 0) return changed;
      state = Object.freeze({ ...state, ...changes });
      notify(changed);
      return changed;
    },

    // `listener(changed)` is called with the set of changed field names; the returned function stops it.
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
