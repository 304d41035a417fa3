-- Whether the draft's category (a Jira request type) requires a description, as the agent said when it was chosen:
-- the wizard then offers no Skip at the description step. Drafts from before default to FALSE; should their
-- category need one, the agent refuses the request and the person is told why.
ALTER TABLE request_drafts ADD COLUMN description_required BOOLEAN NOT NULL DEFAULT FALSE;
