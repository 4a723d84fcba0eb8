import type { MeetingMethod } from '../schema/index.ts';
import type { Script } from './meeting-plan.ts';

/** The agendas of the demo meetings, item by item and to the minute, by the participatory format each follows. */

export interface ItemSpec {
  title: string;
  minutes: number;
  method: MeetingMethod;
  hosts: string | null;
  question: string | null;
  materials: string | null;
  /** Lists the group's open commitments under the item. */
  reviewsOpenCommitments?: boolean;
}

const REVIEW: ItemSpec = {
  title: 'Review of open commitments',
  minutes: 20,
  method: 'plenary',
  hosts: 'The chair, with each taskholder',
  question: 'What is done, what is late, and what help is needed?',
  materials: 'The list of the group’s open commitments',
  reviewsOpenCommitments: true,
};

export function script(kind: Script, purpose: string, isFirst: boolean): ItemSpec[] {
  const checkIn: ItemSpec = {
    title: 'Welcome and check-in round',
    minutes: 20,
    method: 'circle',
    hosts: 'The chair',
    question: 'What brings you here, and what do you need from this group?',
    materials: 'A talking piece; chairs in one circle',
  };
  const decisions: ItemSpec = {
    title: 'Decisions and commitments',
    minutes: 30,
    method: 'circle',
    hosts: 'The chair and the co-chairs',
    question: 'Who does what, by when?',
    materials: 'The commitments board',
  };
  const pause = (minutes: number, title = 'Break'): ItemSpec => ({
    title,
    minutes,
    method: 'break',
    hosts: null,
    question: null,
    materials: null,
  });
  const body: Record<Script, ItemSpec[]> = {
    world_cafe: [
      {
        title: 'Framing the question',
        minutes: 20,
        method: 'plenary',
        hosts: 'The chair',
        question: purpose,
        materials: 'Slides',
      },
      {
        title: 'World Café: three rounds of twenty minutes',
        minutes: 70,
        method: 'world_cafe',
        hosts: 'One table host per table',
        question: purpose,
        materials: 'Paper tablecloths, markers, a bell',
      },
      pause(15),
      {
        title: 'Harvest',
        minutes: 30,
        method: 'plenary',
        hosts: 'The table hosts',
        question: 'What did we hear at every table?',
        materials: 'Flip charts',
      },
    ],
    open_space: [
      {
        title: 'Opening the space',
        minutes: 20,
        method: 'open_space',
        hosts: 'The facilitator',
        question: purpose,
        materials: 'A wall of time slots and rooms',
      },
      {
        title: 'Marketplace: proposing sessions',
        minutes: 25,
        method: 'open_space',
        hosts: 'Anyone with a topic',
        question: null,
        materials: 'Sticky notes, markers',
      },
      {
        title: 'Sessions, first round',
        minutes: 60,
        method: 'open_space',
        hosts: 'The session conveners',
        question: null,
        materials: 'Report forms',
      },
      pause(45, 'Lunch'),
      {
        title: 'Sessions, second round',
        minutes: 60,
        method: 'open_space',
        hosts: 'The session conveners',
        question: null,
        materials: 'Report forms',
      },
      {
        title: 'News from the sessions',
        minutes: 30,
        method: 'plenary',
        hosts: 'The facilitator',
        question: 'What did each session find?',
        materials: 'The session reports on the wall',
      },
    ],
    fishbowl: [
      {
        title: 'Fishbowl',
        minutes: 60,
        method: 'fishbowl',
        hosts: 'The chair as moderator',
        question: purpose,
        materials: 'Five chairs in the middle, one of them empty',
      },
      pause(15),
      {
        title: 'Breakout groups',
        minutes: 45,
        method: 'breakout',
        hosts: 'One rapporteur per group',
        question: 'What would make this work in your part of the chain?',
        materials: 'Breakout rooms, templates',
      },
      {
        title: 'Report back',
        minutes: 25,
        method: 'plenary',
        hosts: 'The rapporteurs',
        question: null,
        materials: null,
      },
    ],
    circle: [
      {
        title: 'Framing the question',
        minutes: 15,
        method: 'plenary',
        hosts: 'The chair',
        question: purpose,
        materials: null,
      },
      {
        title: 'Circle: what we know from experience',
        minutes: 75,
        method: 'circle',
        hosts: 'A circle host and a guardian of time',
        question: purpose,
        materials: 'A talking piece',
      },
      pause(15),
      {
        title: 'Breakout groups',
        minutes: 40,
        method: 'breakout',
        hosts: 'One rapporteur per group',
        question: 'What is the first step?',
        materials: 'Templates',
      },
    ],
  };
  return [
    checkIn,
    ...(isFirst ? [] : [REVIEW]),
    ...body[kind],
    decisions,
    { ...checkIn, title: 'Closing round', minutes: 10, question: 'One word on how you leave.' },
  ];
}
