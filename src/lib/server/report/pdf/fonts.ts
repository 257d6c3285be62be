import { createRequire } from 'node:module';

/**
 * DejaVu Sans (Vietnamese glyphs: ả, ệ, ữ …) from the dejavu-fonts-ttf package, found at run time
 * through Node's resolver rather than bundled: the built server reads the TTF files from
 * node_modules like any other dependency. PDF's standard Helvetica has no Vietnamese.
 */
const require = createRequire(import.meta.url);

export const FONTS = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')
} as const;
