// Pinyin with tone marks for "Show pinyin": pinyin-pro (loaded the first time pinyin is shown)
// reads each character in the context of its paragraph, so polyphones come out right (重庆 chóngqìng,
// 重要 zhòngyào). One reading per code point; '' for characters that are not Chinese.
import { useEffect, useState } from 'react';

export type PinyinOf = (text: string) => string[];

let loaded: PinyinOf | null = null;
let loading: Promise<PinyinOf> | null = null;

export function loadPinyin(): Promise<PinyinOf> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => {
    const cache = new Map<string, string[]>();
    loaded = (text) => {
      const hit = cache.get(text);
      if (hit) return hit;
      const readings = pinyin(text, { type: 'all', toneType: 'symbol' }).map((r) => (r.isZh ? r.pinyin : ''));
      if (cache.size > 2000) cache.clear();
      cache.set(text, readings);
      return readings;
    };
    return loaded;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** The pinyin reader once `enabled` and loaded; null before. */
export function usePinyin(enabled: boolean): PinyinOf | null {
  const [reader, setReader] = useState<PinyinOf | null>(() => (enabled ? loaded : null));
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadPinyin().then((r) => {
      if (live) setReader(() => r);
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return enabled ? reader : null;
}
