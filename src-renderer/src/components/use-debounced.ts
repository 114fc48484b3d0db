import { useEffect, useState } from 'react';

/** `value`, changing only after it has stayed the same for `ms` (at once when `ms` is 0). */
export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setCurrent(value);
      return;
    }
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms <= 0 ? value : current;
}
