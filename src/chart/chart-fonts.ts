/**
 * The font files the chart renders with, from the dejavu-fonts-ttf package. The image keeps only
 * these (scripts/keep-chart-fonts.mjs reads this list from dist/), so a label in another face
 * would render with a missing font: add its file here.
 */
export const CHART_FONT_PACKAGE_DIR = 'dejavu-fonts-ttf/ttf';

export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
