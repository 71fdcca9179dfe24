// The tiptap schema of every Duizhao editor: StarterKit with Link limited to web and mail links.
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from './safe-href.ts';

export function baseExtensions() {
  return [
    StarterKit.configure({
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
  ];
}
