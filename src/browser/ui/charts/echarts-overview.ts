/** The overview's chart set (see echarts-registry.ts): the live load chart's tooltip. */
import { TooltipComponent } from 'echarts/components';
import { echarts } from './echarts-registry';

echarts.use([TooltipComponent]);
