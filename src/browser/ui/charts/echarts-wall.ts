/**
 * The wall's chart set (see echarts-registry.ts): the clean-energy gauge, the schematic (line segments, scatter nodes, mark
 * areas) and the day curve's peak marker. Imported by WallPanel, the wall's one chart component.
 */
import { GaugeChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, MarkPointComponent } from 'echarts/components';
import { echarts } from './echarts-registry';

echarts.use([GaugeChart, ScatterChart, MarkAreaComponent, MarkPointComponent]);
