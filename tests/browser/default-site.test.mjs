// The residents' suite (residents.mjs) on the repository's own site: 毛呂山町 総務課.
import { resolve } from 'node:path';
import { residentsSuite } from './residents.mjs';

residentsSuite('default', resolve(import.meta.dirname, '../..'), {
  home: '',
  department: 'somu/',
  goal: 'somu/jichikai/',
});
