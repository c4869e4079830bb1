import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import './Skeleton.scss';

/**
 * Grey shapes where content is about to appear, so a page keeps its layout while it loads instead of a blank or a
 * "加载中…" line. Drawn with Views and one CSS animation (a shine crossing each shape): no timers, no re-renders, so
 * nothing crosses the mini-program's render bridge while it runs; it stops for readers who ask for less motion.
 */

/** The container: marks the region busy, for screen readers, and names it for tests. */
export function Skeleton({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <View id={id} className={`skeleton${className ? ` ${className}` : ''}`} aria-busy='true' aria-label={t('common.loading')}>
      {children}
    </View>
  );
}

/** One shape: a line, a card, a square; its size comes from the caller's class (or `width`). `onDark`: on the dark band. */
export function SkeletonBlock({ className, width, onDark = false }: { className?: string; width?: string; onDark?: boolean }) {
  return <View className={`skeleton__shape${onDark ? ' skeleton__shape--on-dark' : ''}${className ? ` ${className}` : ''}`} style={width ? { width } : undefined} />;
}

/** A title line and `rows` lines of text under it, the last one shorter. */
export function SkeletonLines({ rows = 2, title = true }: { rows?: number; title?: boolean }) {
  return (
    <View className='skeleton__lines'>
      {title ? <SkeletonBlock className='skeleton__title' /> : null}
      {Array.from({ length: rows }, (_, i) => (
        <SkeletonBlock key={i} className='skeleton__line' width={i === rows - 1 && rows > 1 ? '62%' : undefined} />
      ))}
    </View>
  );
}

/** `panels` white panels of `rows` lines each: a list or a page of sections while its first answer loads. */
export function SkeletonPanels({ id, panels = 3, rows = 2 }: { id?: string; panels?: number; rows?: number }) {
  return (
    <Skeleton id={id}>
      {Array.from({ length: panels }, (_, i) => (
        <View key={i} className='panel'>
          <SkeletonLines rows={rows} />
        </View>
      ))}
    </Skeleton>
  );
}
