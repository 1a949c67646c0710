// The browser files run last: beside the heaviest integration files (hundreds of workflows on two
// cores) a browser test's workflow-backed actions have taken longer than its waits on CI, while they
// pass alone or beside each other. Within each project Jest's own order (slowest and failed first) stays.
import Sequencer from '@jest/test-sequencer';

const PROJECTS = ['unit', 'integration', 'browser'];
const rank = (test) => {
  const i = PROJECTS.indexOf(test.context.config.displayName?.name ?? '');
  return i < 0 ? PROJECTS.length : i;
};

export default class ProjectsInOrder extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return Array.isArray(sorted) ? sortByProject(sorted) : sorted.then(sortByProject);
  }
}

// A stable sort: Jest's order within a project is kept.
const sortByProject = (tests) =>
  tests
    .map((test, i) => ({ test, i }))
    .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
    .map((e) => e.test);
