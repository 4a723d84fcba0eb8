-- When the current attempt of an e-mail delivery was claimed, on the database clock: how deliverEmail tells the
-- attempt of a worker that died from one under way (docs/adr/0015-email-delivery-queues.md).
ALTER TABLE "email_delivery" ADD COLUMN "claimed_at" timestamp with time zone DEFAULT now() NOT NULL;