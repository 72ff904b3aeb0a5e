import type { TextProps } from '@mantine/core';

/** How the contact log, task and survey lists say they are empty: a dimmed line centred in the panel. */
export const centeredEmpty: TextProps = { size: 'sm', ta: 'center', py: 'md' };
