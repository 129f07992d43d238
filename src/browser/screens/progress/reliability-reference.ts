/**
 * National reference figures for the reliability section, context only (not a target): the 10 kV customers' average
 * supply reliability of 2023 as published in 《2023年度全国电力可靠性指标》 (中国电力工程技术协会秘书处, zgdlxh.com,
 * 2024): 全国用户平均供电可靠率 99.911 %, 城网 99.976 %, 农网 99.900 %; 全国用户平均停电时间 7.83 h/户. Found with
 * the `search` tool on 2026-12-02; only figures that page states are given (no urban SAIDI: it does not state one in
 * the part found).
 */
export const NATIONAL_RELIABILITY_REFERENCE = {
  year: 2023,
  rs1Pct: 99.911,
  urbanRs1Pct: 99.976,
  ruralRs1Pct: 99.9,
  saidiH: 7.83,
  source: '《2023年度全国电力可靠性指标》，中国电力工程技术协会秘书处（zgdlxh.com），2024',
} as const;
