/**
 * The source articles every shipped figure traces to. Ids are the seed numbers used in the
 * project's fact sheet, so a reviewer can open the article a figure came from.
 */
export type SourceId = "000" | "001" | "002" | "003" | "004";

export interface Source {
  readonly id: SourceId;
  readonly title: string;
  /** What the article is, as far as its own text says (publisher, byline, date). */
  readonly description: string;
}

export const SOURCES: readonly Source[] = [
  {
    id: "000",
    title: "Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G",
    description: "News report of the plan's release (April 2020): the Four 100+ and the 12 sectors.",
  },
  {
    id: "001",
    title: "Online new economy blooming in Shanghai",
    description:
      "News report (May 2021) on the White Paper on Shanghai's Online New Economy 2020, released at a ceremony on May 17.",
  },
  {
    id: "002",
    title: "Shanghai aiming to promote online economy",
    description:
      "News report by Huang Yixuan (April 2020): 100+ innovative companies, no less than 100 unmanned factories, 20 industrial internet platforms, the 12 sectors.",
  },
  {
    id: "003",
    title: "Press conference of 13 April 2020 on the Action Plan",
    description:
      "Report of the 67th press conference on COVID-19 prevention and control, Shanghai, 13 April 2020: the plan issued on 8 April 2020; more than 100 unmanned factories, 20 platforms.",
  },
  {
    id: "004",
    title: "Shanghai seeks digital upgrade",
    description: "China Daily, He Wei, 22 August 2018: consumption grew 7.7% in the first half of 2018.",
  },
];

/** "seed 000, 002" style citation used in cells and cards. */
export function citeSources(ids: readonly SourceId[]): string {
  return `seed ${ids.join(", ")}`;
}
