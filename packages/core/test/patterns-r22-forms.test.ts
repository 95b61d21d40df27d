/**
 * Forms of robotics-22's misses (issue 13, session 15): HDF5's older "Unable to find a valid file
 * signature" (rule 7: an HDF5 file that does not parse, data_error/corrupt_input). Texts written for
 * these tests; a hostile-input run for the phrase. (The round's GPU-OOM prose, reproduction-gap
 * branches and prose segmentation-fault words were removed after review: they read questions,
 * denials and guesses.)
 */
import t from 'tap';
import { familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

familyWithControls(
  "HDF5's older 'Unable to find a valid file signature' is a file that does not parse (rule 7)",
  [
    [
      'Loading the demonstrations with h5py one episode fails:\nIOError: Unable to open file (Unable to find a valid file signature)',
      'data_error/corrupt_input',
    ],
    [
      'OSError: Unable to open file (Unable to find a valid file signature) while reading episode_12.hdf5',
      'data_error/corrupt_input',
    ],
  ],
  [
    // The same call on a file that is not there is the missing file, not a corrupt one.
    [
      "OSError: Unable to open file (unable to open file: name = 'data/episode_12.hdf5', errno = 2, error message = 'No such file or directory')",
      '!data_error/corrupt_input',
    ],
    [
      "PermissionError: [Errno 13] Unable to open file (unable to open file: name = 'episode_12.hdf5', errno = 13, error message = 'Permission denied')",
      '!data_error/corrupt_input',
    ],
  ],
);

t.test('the HDF5 phrase reads hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const runs: [text: string, pattern: string | null][] = [[`${'Unable to find a valid file signature '.repeat(500)}h5`, null]];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
