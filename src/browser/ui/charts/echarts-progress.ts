/**
 * The progress report's chart set (see echarts-registry.ts): bars, tooltips, the PNG export's title, and the SVG
 * renderer of the printed copies (vectors on paper).
 */
import { BarChart } from 'echarts/charts';
import { TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { echarts } from './echarts-registry';

echarts.use([BarChart, TooltipComponent, TitleComponent, SVGRenderer]);
