/** The dispatcher's chart set (see echarts-registry.ts): tooltips, and zoom and pan on the feeder curves. */
import { DataZoomComponent, TooltipComponent } from 'echarts/components';
import { echarts } from './echarts-registry';

echarts.use([TooltipComponent, DataZoomComponent]);
