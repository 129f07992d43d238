/** The progress report's chart set (see echarts-registry.ts): bars, tooltips, and the PNG export's title. */
import { BarChart } from 'echarts/charts';
import { TitleComponent, TooltipComponent } from 'echarts/components';
import { echarts } from './echarts-registry';

echarts.use([BarChart, TooltipComponent, TitleComponent]);
