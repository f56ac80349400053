/*
 * sort.c -- the interrupt hook of the core (see sort.h).
 */
#include "sort.h"

cls_interrupt_fn cls_interrupt_hook = NULL;

void
cls_set_interrupt_hook(cls_interrupt_fn fn)
{
	cls_interrupt_hook = fn;
}
