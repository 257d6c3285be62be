import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

/**
 * Chart.js with only the parts these charts use (line and bar charts, the interval band's fill,
 * legend and tooltips), so the bundle stays small. Loaded by Chart.svelte when a chart mounts:
 * only the report and dashboard pages ever download it, never the citizen's survey.
 */
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);

Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
Chart.defaults.color = '#1b1b1f';

export { Chart };
