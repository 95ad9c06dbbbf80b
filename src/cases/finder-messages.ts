/** The titles of the console's queues (issue 15), as the API sends them. */
export const finderText = {
  overdue: 'Overdue',
  dueToday: 'Due today',
  holdsEnding: 'Dealer-purchase holds ending within 24 hours',
} as const;
